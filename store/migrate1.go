package store

import (
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// Schema 1 kept one case file, its latest decision and its next follow-up
// in one value, with earlier assessments, decisions and follow-ups in
// their own buckets. Schema 2 keeps every case as its events. The types
// below are schema 1's records, read only by the migration.
type v1Case struct {
	ID           string             `json:"id"`
	Case         domain.CaseFile    `json:"case"`
	Created      time.Time          `json:"created"`
	Updated      time.Time          `json:"updated"`
	Assessed     v1AssessmentMeta   `json:"assessed"`
	Decision     *domain.Decision   `json:"decision,omitempty"`
	DecisionMeta *v1DecisionMeta    `json:"decision_meta,omitempty"`
	Pending      *domain.Assessment `json:"pending,omitempty"`
}

type v1AssessmentMeta struct {
	ID       string    `json:"id"`
	Recorded time.Time `json:"recorded"`
	Kind     string    `json:"kind"`
}

type v1Assessment struct {
	v1AssessmentMeta
	Assessment domain.Assessment `json:"assessment"`
	Goals      []string          `json:"goals,omitempty"`
}

type v1DecisionMeta struct {
	ID       string    `json:"id"`
	Recorded time.Time `json:"recorded"`
	User     string    `json:"user"`
}

type v1Decision struct {
	v1DecisionMeta
	Decision domain.Decision `json:"decision"`
}

type v1FollowUp struct {
	Recorded   time.Time   `json:"recorded"`
	User       string      `json:"user"`
	Due        domain.Date `json:"due"`
	Done       domain.Date `json:"done"`
	Outcome    string      `json:"outcome"`
	Reassessed bool        `json:"reassessed"`
	NextDue    domain.Date `json:"next_due,omitzero"`
}

var (
	v1Assessments = []byte("assessments")
	v1Decisions   = []byte("decisions")
	v1FollowUps   = []byte("followups")
	v1Imports     = []byte("imports")
)

var migrateTo2 = migration{
	From:     1,
	Describe: "hver sag gemmes som sine hændelser; flere bevillinger pr. sag",
	Run:      (*Store).migrate1to2,
}

func (s *Store) migrate1to2(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketEvents, bucketDrafts} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	// The due index changes its keys: rebuild it from the cases.
	if err := tx.DeleteBucket(bucketDue); err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bucketDue); err != nil {
		return err
	}
	var records []v1Case
	err := tx.Bucket(bucketCases).ForEach(func(_, v []byte) error {
		var r v1Case
		if err := s.decode(v, &r); err != nil {
			return err
		}
		records = append(records, r)
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range records {
		if err := s.migrateCase(tx, r); err != nil {
			return fmt.Errorf("sag %s: %w", r.ID, err)
		}
	}
	for _, name := range [][]byte{v1Assessments, v1Decisions, v1FollowUps, v1Imports} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// v1Item is one recorded step of a schema-1 case, to be put in order.
type v1Item struct {
	at    time.Time
	rank  int // among steps recorded at the same time: assessment, decision, follow-up
	event func(c *domain.Case) ([]domain.Event, error)
}

func (s *Store) migrateCase(tx *bolt.Tx, r v1Case) error {
	prefix := []byte(r.ID + "/")
	var assessments []v1Assessment
	if err := collectV1(s, tx, v1Assessments, prefix, &assessments); err != nil {
		return err
	}
	assessments = append(assessments, v1Assessment{v1AssessmentMeta: r.Assessed, Assessment: r.Case.Assessment, Goals: r.Case.Goals})
	var decisions []v1Decision
	if err := collectV1(s, tx, v1Decisions, prefix, &decisions); err != nil {
		return err
	}
	if r.Decision != nil && r.DecisionMeta != nil {
		decisions = append(decisions, v1Decision{v1DecisionMeta: *r.DecisionMeta, Decision: *r.Decision})
	}
	var followUps []v1FollowUp
	if err := collectV1(s, tx, v1FollowUps, prefix, &followUps); err != nil {
		return err
	}
	creator := s.firstAuditUser(tx, r.ID)

	// The assessments keep their recorded order (earlier ones in the
	// history, the current one last); only their place among decisions
	// and follow-ups is taken from the times they were recorded.
	c := domain.Case{ID: r.ID}
	first := []domain.Event{
		{Kind: domain.EventOpened, Recorded: r.Created, User: creator,
			Opening: &domain.Opening{Municipality: r.Case.Municipality, Citizen: r.Case.Citizen, ApplicationDate: r.Case.ApplicationDate}},
		v1AssessmentEvent(assessments[0], r, creator),
	}
	var items []v1Item
	for _, a := range assessments[1:] {
		items = append(items, v1Item{at: a.Recorded, rank: 0})
	}
	for _, d := range decisions {
		items = append(items, v1Item{at: d.Recorded, rank: 1, event: func(c *domain.Case) ([]domain.Event, error) {
			return v1DecisionEvents(c, d), nil
		}})
	}
	for _, f := range followUps {
		items = append(items, v1Item{at: f.Recorded, rank: 2, event: func(c *domain.Case) ([]domain.Event, error) {
			return v1FollowUpEvents(c, f), nil
		}})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].at.Equal(items[j].at) {
			return items[i].at.Before(items[j].at)
		}
		return items[i].rank < items[j].rank
	})
	next := 1
	for i := range items {
		if items[i].rank == 0 {
			a := assessments[next]
			next++
			items[i].event = func(*domain.Case) ([]domain.Event, error) {
				return []domain.Event{v1AssessmentEvent(a, r, creator)}, nil
			}
		}
	}
	apply := func(evs []domain.Event) error {
		for _, e := range evs {
			e.Seq = c.Version + 1
			if err := c.Apply(e); err != nil {
				return err
			}
		}
		return nil
	}
	if err := apply(first); err != nil {
		return err
	}
	for _, it := range items {
		evs, err := it.event(&c)
		if err != nil {
			return err
		}
		if err := apply(evs); err != nil {
			return err
		}
	}
	if err := s.writeCase(tx, domain.Case{ID: r.ID}, c, r.Created, r.Updated, Change{Events: c.Events,
		Audit: fmt.Sprintf("overført fra skemaversion 1 som %s", domain.Count(len(c.Events), "hændelse", "hændelser"))}); err != nil {
		return err
	}
	if r.Pending != nil {
		d := domain.Draft{Kind: domain.Reassessment}
		var edits []domain.DraftEdit
		for k, v := range domain.DraftValues(*r.Pending, nil, "") {
			edits = append(edits, domain.DraftEdit{Field: k, Value: v})
		}
		d.Apply(edits)
		return s.put(tx, bucketDrafts, []byte(r.ID), d)
	}
	return nil
}

func collectV1[T any](s *Store, tx *bolt.Tx, bucket, prefix []byte, out *[]T) error {
	b := tx.Bucket(bucket)
	if b == nil {
		return nil
	}
	return forEach(b, prefix, func(_, v []byte) (bool, error) {
		var item T
		if err := s.decode(v, &item); err != nil {
			return false, err
		}
		*out = append(*out, item)
		return true, nil
	})
}

// firstAuditUser returns who made the first audit entry on a case.
func (s *Store) firstAuditUser(tx *bolt.Tx, caseID string) string {
	user := "ukendt"
	forEach(tx.Bucket(bucketAuditByCase), []byte(caseID+"/"), func(k, _ []byte) (bool, error) {
		var e AuditEntry
		if err := s.decode(tx.Bucket(bucketAudit).Get(k[len(caseID)+1:]), &e); err == nil && e.User != "" {
			user = e.User
		}
		return false, nil
	})
	return user
}

func v1AssessmentEvent(a v1Assessment, r v1Case, user string) domain.Event {
	kind := a.Kind
	if kind == "" {
		kind = domain.FirstAssessment
	}
	return domain.Event{Kind: domain.EventAssessment, Recorded: a.Recorded, User: user, Assessment: &domain.AssessmentEvent{
		Date: domain.DateOf(a.Recorded), Kind: kind, Assessment: a.Assessment, Goals: a.Goals}}
}

// v1DecisionEvents turns a schema-1 decision into events. Schema 1 held
// one decision a case, each replacing the one before: a decision on the
// same provision changes the grant, one on another provision (or a
// refusal) ends it first.
func v1DecisionEvents(c *domain.Case, d v1Decision) []domain.Event {
	dec := d.Decision
	at := func(e domain.Event) domain.Event { e.Recorded, e.User = d.Recorded, d.User; return e }
	var out []domain.Event
	active := c.Active()
	if len(active) > 0 {
		g := active[len(active)-1]
		if !dec.Refused && g.Provision == dec.Provision {
			return []domain.Event{at(domain.Event{Kind: domain.EventChange, Grant: g.ID, Decision: &dec})}
		}
		end := dec.StartDate()
		if end.Before(g.Start) {
			end = g.Start
		}
		out = append(out, at(domain.Event{Kind: domain.EventTermination, Grant: g.ID, Termination: &domain.Termination{
			Provision: g.Provision, Date: dec.Date, End: end,
			Reason: fmt.Sprintf("Afløst af afgørelsen af %s (overført fra en tidligere version af vum, hvor en sag kun havde én afgørelse).", dec.Date.Danish()),
		}}))
	}
	if dec.Refused {
		return append(out, at(domain.Event{Kind: domain.EventRefusal, Decision: &dec}))
	}
	return append(out, at(domain.Event{Kind: domain.EventGrant, Grant: domain.GrantID(len(c.Grants) + 1), Decision: &dec}))
}

func v1FollowUpEvents(c *domain.Case, f v1FollowUp) []domain.Event {
	active := c.Active()
	if len(active) == 0 {
		return nil // schema 1 planned no follow-up without a decision
	}
	g := active[len(active)-1]
	return []domain.Event{{Kind: domain.EventFollowUp, Grant: g.ID, Recorded: f.Recorded, User: f.User, FollowUp: &domain.FollowUp{
		Provision: g.Provision, Due: f.Due, Done: f.Done, Outcome: domain.OutcomeContinue, Note: f.Outcome,
		Reassessed: f.Reassessed, Next: f.NextDue}}}
}

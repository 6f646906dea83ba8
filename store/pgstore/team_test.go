package pgstore

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/storetest"
)

// asRole returns the test database's URL for another role.
func asRole(t *testing.T, base, role string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	return u.String()
}

// team makes login roles for a small team and places them in units:
// anna and the leader in unit a, bo in unit b (both team t), carl in unit
// c of another team.
func team(t *testing.T, admin *Store, base string) map[string]string {
	roles := map[string]string{}
	for _, name := range []string{"anna", "bo", "leder", "carl", "ny"} {
		role := fmt.Sprintf("%s_%d", name, os.Getpid())
		exec(t, base, "DROP ROLE IF EXISTS "+role)
		exec(t, base, "CREATE ROLE "+role+" LOGIN")
		t.Cleanup(func() { exec(t, base, "DROP OWNED BY "+role+"; DROP ROLE IF EXISTS "+role) })
		roles[name] = role
	}
	for _, m := range []StaffMember{
		{Role: roles["anna"], Unit: "a", Team: "t"},
		{Role: roles["bo"], Unit: "b", Team: "t"},
		{Role: roles["leder"], Unit: "a", Team: "t", Leader: true},
		{Role: roles["carl"], Unit: "c", Team: "u"},
	} {
		if err := admin.AddStaff(m); err != nil {
			t.Fatal(err)
		}
	}
	return roles
}

func visible(t *testing.T, s *Store) []string {
	var ids []string
	if err := s.Summaries(func(sum store.Summary) bool { ids = append(ids, sum.ID); return true }); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestTeamSeesItsCases(t *testing.T) {
	base := testURL(t)
	schema := schemaFor(t, base, "team")
	admin, err := Open(base, Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	roles := team(t, admin, base)
	open := func(name string) *Store {
		s, err := Open(asRole(t, base, roles[name]), Options{Schema: schema})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	anna, bo, leder, carl := open("anna"), open("bo"), open("leder"), open("carl")
	create := func(s *Store, i int) domain.Case {
		c, err := s.Create(storetest.Opening(i), storetest.Assessment())
		if err != nil {
			t.Fatal(err)
		}
		d := domain.Decision{Provision: domain.SEL85, Scope: domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, 2),
			Date: domain.NewDate(2026, 11, 2), FollowUpDue: domain.NewDate(2027, 5, 2)}
		c, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1, c2, c3 := create(anna, 1), create(bo, 2), create(carl, 3)
	if c1.Responsible != roles["anna"] || c1.Events[0].User != roles["anna"] {
		t.Errorf("case by anna: responsible %q, recorded by %q", c1.Responsible, c1.Events[0].User)
	}
	same := func(who string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s sees %v, want %v", who, got, want)
		}
	}
	same("anna", visible(t, anna), c1.ID)
	same("bo", visible(t, bo), c2.ID)
	same("the team leader", visible(t, leder), c1.ID, c2.ID)
	same("carl", visible(t, carl), c3.ID)
	same("the owner", visible(t, admin), c1.ID, c2.ID, c3.ID)
	if _, err := anna.Case(c2.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("anna reads bo's case: %v", err)
	}
	if _, err := carl.Append(c1.ID, store.Change{Version: c1.Version, Events: []domain.Event{c1.GrantEvent(domain.Decision{})}}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("carl writes on anna's case: %v", err)
	}
	if ids, _ := carl.CasesByCPR(c1.Citizen.CPR); len(ids) != 0 {
		t.Errorf("carl finds anna's citizen: %v", ids)
	}

	// anna hands her case to bo: it moves to bo's unit.
	if _, err := c1.HandoverEvent(roles["anna"], ""); err == nil {
		t.Error("handover to the one responsible")
	}
	ev, err := c1.HandoverEvent(roles["ny"], "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := anna.Append(c1.ID, store.Change{Version: c1.Version, Events: []domain.Event{ev}}); err == nil || !strings.Contains(err.Error(), "ikke sagsbehandler") {
		t.Errorf("handover to a role that is not staff: %v", err)
	}
	ev, _ = c1.HandoverEvent(roles["bo"], "Fordeling af sager.")
	if _, err := anna.Append(c1.ID, store.Change{Version: c1.Version, Events: []domain.Event{ev}}); err != nil {
		t.Fatal(err)
	}
	same("anna after the handover", visible(t, anna))
	same("bo after the handover", visible(t, bo), c1.ID, c2.ID)
	same("the team leader after the handover", visible(t, leder), c1.ID, c2.ID)
	var due []string
	bo.DueBefore(domain.NewDate(2030, 1, 1), func(d store.Due) bool {
		due = append(due, d.CaseID+"/"+d.Responsible)
		return true
	})
	same("bo's follow-ups", due, c1.ID+"/"+roles["bo"], c2.ID+"/"+roles["bo"])

	// Every audit entry records the role that wrote it.
	users := map[string]string{}
	admin.Log("", func(e store.AuditEntry) bool {
		if e.CaseID != "" {
			users[e.CaseID+" "+e.Action] = e.User
		}
		return true
	})
	if users[c1.ID+" overdragelse"] != roles["anna"] || users[c3.ID+" sag oprettet"] != roles["carl"] {
		t.Errorf("audit users: %v", users)
	}
	// An imported case goes to the unit of the one who opened it.
	o := storetest.Opening(7)
	rec := store.ExportCase{ID: "01KAAAAAAAAAAAAAAAAAAAAAAA", Created: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC),
		Events: []domain.Event{{Seq: 1, Kind: domain.EventOpened, User: roles["carl"], Recorded: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), Opening: &o}}}
	res, err := admin.Import(func(yield func(store.ImportRecord, error) bool) { yield(store.ImportRecord{Line: 1, Case: rec}, nil) }, store.ImportOptions{Source: "test"})
	if err != nil || res.Added != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	same("carl after the import", visible(t, carl), rec.ID, c3.ID)
	same("bo after the import", visible(t, bo), c1.ID, c2.ID)

	// A caseworker cannot write an audit entry in another's name.
	_, err = anna.pool.Exec(t.Context(), "INSERT INTO audit (id, usr, action, value) VALUES ('X', $1, 'falsk', '')", roles["bo"])
	if err == nil {
		t.Error("audit entry written in another's name")
	}
}

// A caseworker looking up a CPR number learns in which other units the
// citizen has cases, and how many, but nothing of the cases; what they see
// themselves is not counted.
func TestOtherUnitsByCPR(t *testing.T) {
	base := testURL(t)
	schema := schemaFor(t, base, "otherunits")
	admin, err := Open(base, Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	roles := team(t, admin, base)
	open := func(name string) *Store {
		s, err := Open(asRole(t, base, roles[name]), Options{Schema: schema})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	anna, bo, leder, carl := open("anna"), open("bo"), open("leder"), open("carl")
	o := storetest.Opening(1)
	if _, err := anna.Create(o, nil); err != nil {
		t.Fatal(err)
	}
	others := func(who string, s *Store, cpr domain.CPR, want string) {
		t.Helper()
		units, err := s.OtherUnitsByCPR(cpr)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(units); got != want {
			t.Errorf("%s: other units %s, want %s", who, got, want)
		}
	}
	cpr := o.Citizen.CPR
	others("carl", carl, cpr, "[{a 1}]")
	others("bo", bo, cpr, "[{a 1}]")
	others("anna", anna, cpr, "[]")
	others("the team leader", leder, cpr, "[]")
	others("the owner", admin, cpr, "[]")
	others("carl, a citizen with no case", carl, storetest.Opening(2).Citizen.CPR, "[]")

	// bo opens a second case for the same citizen.
	if _, err := bo.Create(o, nil); err != nil {
		t.Fatal(err)
	}
	others("anna", anna, cpr, "[{b 1}]")
	others("bo", bo, cpr, "[{a 1}]")
	others("carl", carl, cpr, "[{a 1} {b 1}]")
	others("the team leader", leder, cpr, "[]")
	if ids, _ := carl.CasesByCPR(cpr); len(ids) != 0 {
		t.Errorf("carl finds the cases themselves: %v", ids)
	}
}

// Two caseworkers whose vum profiles map to one shared database role
// (IT gave the unit one login): every audit entry and access entry names
// the caseworker from the profile beside the role, the row's own column
// records the role, and the owner's entries name the owner.
func TestSharedRoleNamesEachCaseworker(t *testing.T) {
	base := testURL(t)
	schema := schemaFor(t, base, "sharedrole")
	admin, err := Open(base, Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	role := fmt.Sprintf("enhed_%d", os.Getpid())
	exec(t, base, "DROP ROLE IF EXISTS "+role)
	exec(t, base, "CREATE ROLE "+role+" LOGIN")
	t.Cleanup(func() { exec(t, base, "DROP OWNED BY "+role+"; DROP ROLE IF EXISTS "+role) })
	if err := admin.AddStaff(StaffMember{Role: role, Unit: "a", Team: "t"}); err != nil {
		t.Fatal(err)
	}
	open := func(name string) *Store {
		s, err := Open(asRole(t, base, role), Options{Schema: schema, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	anna, bo := open("Anna Berg"), open("Bo Holm")
	work := func(s *Store, i int) {
		c, err := s.Create(storetest.Opening(i), storetest.Assessment())
		if err != nil {
			t.Fatal(err)
		}
		d := domain.Decision{Provision: domain.SEL85, Scope: domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, 2),
			Date: domain.NewDate(2026, 11, 2), FollowUpDue: domain.NewDate(2027, 5, 2)}
		if _, err := s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}}); err != nil {
			t.Fatal(err)
		}
		field := domain.ThemeField("socialt_liv", domain.PartNote)
		if _, err := s.SaveDraft(c.ID, domain.Reassessment, "besøg", (domain.Draft{}).Edits(map[string]string{field: "noter"})); err != nil {
			t.Fatal(err)
		}
		if err := s.DiscardDraft(c.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordDraft(c.ID, "pdf", "brev.pdf"); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAccess(store.AccessEntry{Action: store.AccessRead, Cases: []string{c.ID}, Detail: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	work(anna, 1)
	work(bo, 2)
	byUser := map[string]int{}
	if err := admin.Log("", func(e store.AuditEntry) bool {
		byUser[e.User]++
		return true
	}); err != nil {
		t.Fatal(err)
	}
	owner := admin.User()
	want := map[string]int{"Anna Berg (" + role + ")": 5, "Bo Holm (" + role + ")": 5}
	for user, n := range byUser {
		if user == owner {
			continue // creating the database, its migrations, placing the role
		}
		if want[user] != n {
			t.Errorf("%d audit entries by %q; want by each caseworker: %v", n, user, want)
		}
		delete(want, user)
	}
	if len(want) != 0 || byUser[owner] == 0 {
		t.Errorf("audit entries by user: %v", byUser)
	}
	var rows int
	if err := admin.pool.QueryRow(t.Context(), "SELECT count(*) FROM audit WHERE usr = $1", role).Scan(&rows); err != nil || rows != 10 {
		t.Errorf("audit rows recorded as the role: %d (%v)", rows, err)
	}
	accessBy := map[string]int{}
	if err := admin.AccessLog(func(e store.AccessEntry) bool {
		accessBy[e.User]++
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if accessBy["Anna Berg ("+role+")"] != 1 || accessBy["Bo Holm ("+role+")"] != 1 {
		t.Errorf("access entries by user: %v", accessBy)
	}
}

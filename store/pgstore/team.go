package pgstore

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// StaffMember is a caseworker's database role placed in a unit of a team.
type StaffMember struct {
	Role   string `json:"role"`
	Unit   string `json:"unit"`
	Team   string `json:"team"`
	Leader bool   `json:"leader,omitempty"`
}

var roleName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_][a-z0-9_.-]{0,62}$`) })

// AddStaff places an existing database role in a unit of a team (made
// when new) and grants it what vum needs; row-level security then shows
// it the unit's cases, or the team's when it leads the team. It is run by
// the database's owner; the audit trail records it.
func (s *Store) AddStaff(m StaffMember) error {
	m.Role, m.Unit, m.Team = strings.TrimSpace(m.Role), strings.TrimSpace(m.Unit), strings.TrimSpace(m.Team)
	if !roleName().MatchString(m.Role) {
		return fmt.Errorf("rollenavnet %q er ugyldigt; brug databasebrugerens navn med små bogstaver", m.Role)
	}
	if m.Unit == "" || m.Team == "" {
		return fmt.Errorf("angiv både enhed og team for %s", m.Role)
	}
	return s.write(func(ctx context.Context, tx pgx.Tx) error {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, m.Role).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("databasen har ingen bruger %s; bed IT oprette den (CREATE ROLE %s LOGIN), og prøv igen", m.Role, m.Role)
		}
		role, schema := pgx.Identifier{m.Role}.Sanitize(), pgx.Identifier{s.schema}.Sanitize()
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO units (unit, team) VALUES ($1, $2) ON CONFLICT (unit) DO UPDATE SET team = excluded.team`, m.Unit, m.Team)
		b.Queue(`INSERT INTO staff (role, unit, leader) VALUES ($1, $2, $3)
			ON CONFLICT (role) DO UPDATE SET unit = excluded.unit, leader = excluded.leader`, m.Role, m.Unit, m.Leader)
		for _, grant := range []string{
			"GRANT USAGE ON SCHEMA " + schema + " TO " + role,
			"GRANT SELECT, INSERT, UPDATE, DELETE ON cases, events, drafts, due, citizens TO " + role,
			"GRANT SELECT, INSERT ON audit, access, access_cases TO " + role,
			"GRANT SELECT ON meta, settings, units, staff, visible_units TO " + role,
		} {
			b.Queue(grant)
		}
		// Cases the role is already responsible for move to its unit.
		b.Queue(`UPDATE cases SET unit = $2 WHERE responsible = $1`, m.Role, m.Unit)
		b.Queue(`UPDATE due SET unit = $2 WHERE responsible = $1`, m.Role, m.Unit)
		what := "sagsbehandler"
		if m.Leader {
			what = "teamleder"
		}
		if err := s.queueAudit(b, "medarbejder", "", fmt.Sprintf("%s er %s i %s (team %s)", m.Role, what, m.Unit, m.Team)); err != nil {
			return err
		}
		return sendBatch(ctx, tx, b)
	})
}

// Staff returns the caseworkers placed in units, by unit and role.
func (s *Store) Staff() ([]StaffMember, error) {
	rows, err := s.pool.Query(context.Background(), `SELECT s.role, s.unit, u.team, s.leader FROM staff s JOIN units u ON u.unit = s.unit ORDER BY u.team, s.unit, s.role`)
	if err != nil {
		return nil, s.failed(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[StaffMember])
	if err != nil {
		return nil, s.failed(err)
	}
	return out, nil
}

// checkHandovers refuses a handover to someone who is not staff, once
// the database has staff.
func (s *Store) checkHandovers(ctx context.Context, q querier, events []domain.Event) error {
	for _, e := range events {
		if e.Handover == nil {
			continue
		}
		var known, anyStaff bool
		err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM staff WHERE role = $1), EXISTS (SELECT 1 FROM staff)`, e.Handover.To).Scan(&known, &anyStaff)
		if err != nil {
			return err
		}
		if anyStaff && !known {
			return fmt.Errorf("%s er ikke sagsbehandler i vum; se medarbejderne med »vum staff list«", e.Handover.To)
		}
	}
	return nil
}

// OtherUnitsByCPR returns the units with cases about the citizen with cpr
// that this caseworker may not see, and how many in each, by unit: so a
// search by CPR number that finds nothing can say that another unit has
// the citizen, without showing the cases.
func (s *Store) OtherUnitsByCPR(cpr domain.CPR) ([]store.OtherUnit, error) {
	hash := store.CitizenHash(s.cprKey, cpr)
	if hash == "" {
		return nil, nil
	}
	rows, err := s.pool.Query(context.Background(), `
		SELECT a.unit, a.cases - coalesce(v.cases, 0)
		FROM cpr_units($1) a
		LEFT JOIN (SELECT c.unit, count(*) AS cases FROM citizens z JOIN cases c ON c.id = z.case_id
			WHERE z.hash = $1 GROUP BY c.unit) v ON v.unit = a.unit
		WHERE a.cases > coalesce(v.cases, 0)
		ORDER BY a.unit`, hash)
	if err != nil {
		return nil, s.failed(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[store.OtherUnit])
	if err != nil {
		return nil, s.failed(err)
	}
	return out, nil
}

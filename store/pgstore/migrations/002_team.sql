-- A team on one database: each caseworker is a database role placed in a
-- unit; units belong to a team. Row-level security shows a caseworker the
-- cases of their unit (and those they are responsible for), and a team
-- leader the cases of every unit of the team. The database owner, who
-- runs vum's migrations, sees everything.
CREATE TABLE units (
	unit text PRIMARY KEY,
	team text NOT NULL
);

CREATE TABLE staff (
	role   text PRIMARY KEY,
	unit   text NOT NULL REFERENCES units (unit),
	leader boolean NOT NULL DEFAULT false
);

-- The units whose cases the connected role may see.
CREATE VIEW visible_units AS
	SELECT u.unit
	FROM staff s
	JOIN units mine ON mine.unit = s.unit
	JOIN units u ON u.unit = s.unit OR (s.leader AND u.team = mine.team)
	WHERE s.role = current_user;

-- A case's unit is its responsible caseworker's, kept on the rows that
-- lists and follow-ups read.
ALTER TABLE cases ADD COLUMN unit text NOT NULL DEFAULT '';
ALTER TABLE due ADD COLUMN unit text NOT NULL DEFAULT '';
CREATE INDEX due_responsible ON due (responsible, due);

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_read ON cases FOR SELECT
	USING (responsible = current_user OR unit IN (SELECT unit FROM visible_units));
CREATE POLICY cases_add ON cases FOR INSERT WITH CHECK (true);
CREATE POLICY cases_change ON cases FOR UPDATE
	USING (responsible = current_user OR unit IN (SELECT unit FROM visible_units)) WITH CHECK (true);
CREATE POLICY cases_remove ON cases FOR DELETE
	USING (responsible = current_user OR unit IN (SELECT unit FROM visible_units));

ALTER TABLE due ENABLE ROW LEVEL SECURITY;
CREATE POLICY due_read ON due FOR SELECT
	USING (responsible = current_user OR unit IN (SELECT unit FROM visible_units));
CREATE POLICY due_add ON due FOR INSERT WITH CHECK (true);
CREATE POLICY due_remove ON due FOR DELETE USING (case_id IN (SELECT id FROM cases));

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON events FOR SELECT USING (case_id IN (SELECT id FROM cases));
CREATE POLICY events_add ON events FOR INSERT WITH CHECK (true);

ALTER TABLE drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY drafts_all ON drafts USING (case_id IN (SELECT id FROM cases)) WITH CHECK (true);

ALTER TABLE citizens ENABLE ROW LEVEL SECURITY;
CREATE POLICY citizens_read ON citizens FOR SELECT USING (case_id IN (SELECT id FROM cases));
CREATE POLICY citizens_add ON citizens FOR INSERT WITH CHECK (true);
CREATE POLICY citizens_remove ON citizens FOR DELETE USING (case_id IN (SELECT id FROM cases));

-- The audit trail and the access log: everyone writes as themselves;
-- a caseworker reads their own entries and those of cases they see.
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit FOR SELECT
	USING (usr = current_user OR case_id IN (SELECT id FROM cases));
CREATE POLICY audit_add ON audit FOR INSERT WITH CHECK (usr = current_user);

ALTER TABLE access ENABLE ROW LEVEL SECURITY;
CREATE POLICY access_read ON access FOR SELECT
	USING (usr = current_user OR EXISTS (SELECT 1 FROM staff WHERE role = current_user AND leader));
CREATE POLICY access_add ON access FOR INSERT WITH CHECK (usr = current_user);

-- A handover moves the case to the new caseworker's unit, which the one
-- handing it over may not see: the unit is derived from the responsible
-- caseworker by this function, with the owner's rights, and nothing else.
CREATE FUNCTION sync_case_unit(id text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
	UPDATE cases c SET unit = coalesce((SELECT s.unit FROM staff s WHERE s.role = c.responsible), '')
	WHERE c.id = sync_case_unit.id;
$$;

-- Cases as histories of events, with the indexes lists and follow-ups
-- read, the audit trail and the access log. Values are sealed by the
-- store's codec; only what must be searched or ordered is in clear: ids,
-- dates, versions, the responsible caseworker and the keyed hash of a CPR
-- number.
CREATE TABLE meta (
	key   text PRIMARY KEY,
	value bytea NOT NULL
);

CREATE TABLE cases (
	id          text COLLATE "C" PRIMARY KEY,
	created     text NOT NULL,
	version     integer NOT NULL CHECK (version > 0),
	responsible text NOT NULL DEFAULT '',
	summary     bytea NOT NULL
);

CREATE TABLE events (
	case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	seq     integer NOT NULL CHECK (seq > 0),
	value   bytea NOT NULL,
	PRIMARY KEY (case_id, seq)
);

CREATE TABLE drafts (
	case_id text COLLATE "C" PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
	value   bytea NOT NULL
);

CREATE TABLE due (
	due         date NOT NULL,
	case_id     text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	grant_id    text COLLATE "C" NOT NULL,
	responsible text NOT NULL DEFAULT '',
	value       bytea NOT NULL,
	PRIMARY KEY (due, case_id, grant_id)
);
CREATE INDEX due_case ON due (case_id);

CREATE TABLE citizens (
	hash    text COLLATE "C" NOT NULL,
	case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	PRIMARY KEY (hash, case_id)
);
CREATE INDEX citizens_case ON citizens (case_id);

CREATE TABLE audit (
	id      text COLLATE "C" PRIMARY KEY,
	usr     text NOT NULL DEFAULT current_user,
	action  text NOT NULL,
	case_id text COLLATE "C",
	value   bytea NOT NULL
);
CREATE INDEX audit_case ON audit (case_id, id) WHERE case_id IS NOT NULL;

CREATE TABLE access (
	id        text COLLATE "C" PRIMARY KEY,
	time      timestamptz NOT NULL,
	usr       text NOT NULL DEFAULT current_user,
	all_cases boolean NOT NULL DEFAULT false,
	value     bytea NOT NULL
);
CREATE INDEX access_all ON access (id) WHERE all_cases;
CREATE INDEX access_time ON access (time);

CREATE TABLE access_cases (
	case_id   text COLLATE "C" NOT NULL,
	access_id text COLLATE "C" NOT NULL REFERENCES access (id) ON DELETE CASCADE,
	PRIMARY KEY (case_id, access_id)
);
CREATE INDEX access_cases_entry ON access_cases (access_id);

CREATE TABLE settings (
	key   text PRIMARY KEY,
	value bytea NOT NULL
);

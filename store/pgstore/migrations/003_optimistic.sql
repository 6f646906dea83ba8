-- Writes without a transaction held open across round trips: a writer
-- reads the case (or its draft), then sends its whole change at once, and
-- these functions refuse it (SQLSTATE VU001, the change rolled back) when
-- another writer changed the row in between. The writer then reads again.
CREATE FUNCTION advance_case(p_id text, p_from integer, p_to integer, p_responsible text, p_summary bytea) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
	UPDATE cases SET version = p_to, responsible = p_responsible, summary = p_summary
	WHERE id = p_id AND version = p_from;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'sag % er ændret samtidig', p_id USING ERRCODE = 'VU001';
	END IF;
END
$$;

-- p_old is the draft as read (NULL: there was none).
CREATE FUNCTION save_draft(p_case text, p_old bytea, p_new bytea) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
	IF p_old IS NULL THEN
		INSERT INTO drafts (case_id, value) VALUES (p_case, p_new) ON CONFLICT (case_id) DO NOTHING;
	ELSE
		UPDATE drafts SET value = p_new WHERE case_id = p_case AND value = p_old;
	END IF;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'udredningen på sag % er ændret samtidig', p_case USING ERRCODE = 'VU001';
	END IF;
END
$$;

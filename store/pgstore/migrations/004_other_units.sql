-- A caseworker who looks a citizen up by CPR number sees only the cases
-- of their own unit, and might open a second case for a citizen another
-- unit already has. This tells in which units the citizen has cases and
-- how many, nothing of the cases themselves, found by the keyed hash as
-- one's own cases are; the caller leaves out what it sees itself.
CREATE FUNCTION cpr_units(p_hash text) RETURNS TABLE (unit text, cases bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
	SELECT c.unit, count(*) FROM citizens z JOIN cases c ON c.id = z.case_id
	WHERE z.hash = p_hash
	GROUP BY c.unit;
$$;

-- Tutor profile history names who acted by role too, as every other state history does (issue 12): the tutor edits and
-- submits their own profile, admins decide, and the system acts with no actor.
ALTER TABLE tutor_profile_history ADD COLUMN actor_role TEXT;

UPDATE tutor_profile_history
SET actor_role = CASE WHEN actor_id IS NULL THEN 'SYSTEM' WHEN actor_id = tutor_id THEN 'TUTOR' ELSE 'ADMIN' END;

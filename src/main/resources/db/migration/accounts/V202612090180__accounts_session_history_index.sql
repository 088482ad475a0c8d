-- A sign-in asks whether the user's sessions of the last 90 days (signed out ones too) came from the same browser or
-- address (the new-device security notice); the existing index covers open sessions only.
CREATE INDEX user_sessions_history_idx ON user_sessions (tenant_id, user_id, created_at DESC);

-- Users of this app. A Data Portability consent carries no identity (its scopes cannot be mixed
-- with openid), so a user is whoever holds the session cookie that started the consent.
CREATE TABLE users (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL
);

-- Authorization requests on their way through Google: the callback must bring back the `state`
-- of a row that belongs to its session; a row is used once (deleted by the callback).
CREATE TABLE oauth_requests (
  state_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_verifier_sealed text NOT NULL,
  resources jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);

-- What a user granted. The refresh token is sealed (AES-256-GCM) and cleared once the consent
-- is reset.
CREATE TABLE consents (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  refresh_token_sealed text,
  requested jsonb NOT NULL,
  granted jsonb NOT NULL,
  missing jsonb NOT NULL,
  access_type text NOT NULL CHECK (access_type IN ('ONE_TIME', 'TIME_BASED')),
  created_at timestamptz NOT NULL,
  reset_at timestamptz
);

-- One export per consent. `saved` is the checkArchive step's state (plain JSON, no secrets);
-- `next_check_at` is when a tick should look at it again (NULL once it is done or failed);
-- `claimed_until` / `claimed_by` are a tick's lease on it.
CREATE TABLE exports (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  consent_id text NOT NULL REFERENCES consents (id),
  resources jsonb NOT NULL,
  phase text NOT NULL CHECK (phase IN ('checking', 'downloading', 'resetting', 'done', 'failed')),
  saved jsonb NOT NULL,
  job_id text,
  job_state text,
  next_check_at timestamptz,
  claimed_until timestamptz,
  claimed_by text,
  last_checked_at timestamptz,
  checks integer NOT NULL DEFAULT 0,
  archives jsonb NOT NULL DEFAULT '[]',
  error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX exports_due ON exports (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX exports_by_user ON exports (user_id, created_at);

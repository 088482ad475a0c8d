-- Agents: personal API keys for AI tools, per-tenant agent settings (overrides of the design defaults), the log of
-- agent executions, and the assistant's kept conversations.

-- A key is shown once; only its SHA-256 is kept (the key carries 256 random bits, so a fast hash is enough).
CREATE TABLE agent_api_keys
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    user_id      UUID        NOT NULL,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scope        TEXT        NOT NULL CHECK (scope IN ('READ_ONLY', 'FULL')),
    key_hash     BYTEA       NOT NULL UNIQUE,
    key_hint     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX agent_api_keys_user_idx ON agent_api_keys (tenant_id, user_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('agent_api_keys');

-- One override per agent and tenant; a null column means the design default.
CREATE TABLE agent_overrides
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    agent_name      TEXT        NOT NULL,
    provider        TEXT,
    model           TEXT,
    system_prompt   TEXT,
    temperature     NUMERIC(3, 2) CHECK (temperature BETWEEN 0 AND 2),
    max_tokens      INTEGER CHECK (max_tokens > 0),
    response_format TEXT CHECK (response_format IN ('text', 'json')),
    selected_tools  JSONB,
    guardrails      JSONB,
    enabled         BOOLEAN     NOT NULL DEFAULT true,
    active          BOOLEAN     NOT NULL DEFAULT true,
    updated_by      UUID,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX agent_overrides_name_idx ON agent_overrides (tenant_id, agent_name) WHERE active;
SELECT lyceum_enable_tenant_isolation('agent_overrides');

CREATE TABLE agent_executions
(
    id                UUID PRIMARY KEY,
    tenant_id         UUID        NOT NULL,
    agent_name        TEXT        NOT NULL,
    agent_type        TEXT        NOT NULL CHECK (agent_type IN ('design', 'dynamic')),
    source            TEXT        NOT NULL CHECK (source IN ('rest', 'sse', 'mcp', 'agent')),
    user_id           UUID,
    input             TEXT,
    output            TEXT,
    tool_calls        INTEGER     NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    duration_ms       INTEGER     NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('success', 'error', 'timeout', 'guardrail')),
    error             TEXT,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_executions_time_idx ON agent_executions (tenant_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('agent_executions');

-- The assistant's conversations: messages in order, with the tool calls the model made and their results.
CREATE TABLE agent_conversations
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    title      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX agent_conversations_user_idx ON agent_conversations (tenant_id, user_id, updated_at DESC);
SELECT lyceum_enable_tenant_isolation('agent_conversations');

CREATE TABLE agent_conversation_messages
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    conversation_id UUID        NOT NULL REFERENCES agent_conversations (id) ON DELETE CASCADE,
    seq             INTEGER     NOT NULL,
    role            TEXT        NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
    content         JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (conversation_id, seq)
);
SELECT lyceum_enable_tenant_isolation('agent_conversation_messages');

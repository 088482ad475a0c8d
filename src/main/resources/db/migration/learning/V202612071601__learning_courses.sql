-- Learning: courses generated from transcripts, their generation job's state per step, the outline (sections,
-- lessons and quizzes ordered by parent and sequence), a cache of generated outlines, and learners' progress.

CREATE TABLE courses
(
    id                UUID PRIMARY KEY,
    tenant_id         UUID        NOT NULL,
    owner_id          UUID        NOT NULL,
    title             TEXT        NOT NULL,
    summary           TEXT        NOT NULL DEFAULT '',
    status            TEXT        NOT NULL CHECK (status IN ('PROCESSING', 'READY', 'FAILED')),
    publication       TEXT        NOT NULL DEFAULT 'DRAFT' CHECK (publication IN ('DRAFT', 'PUBLISHED')),
    visibility        TEXT        NOT NULL DEFAULT 'STUDENTS' CHECK (visibility IN ('PUBLIC', 'STUDENTS')),
    source_kind       TEXT        NOT NULL CHECK (source_kind IN ('UPLOAD', 'VIDEO')),
    video_url         TEXT,
    preferences       JSONB       NOT NULL,
    generator         TEXT        NOT NULL,
    cache_key         TEXT,
    cached            BOOLEAN     NOT NULL DEFAULT false,
    target_minutes    INT         NOT NULL DEFAULT 0,
    estimated_minutes INT         NOT NULL DEFAULT 0,
    glossary          JSONB       NOT NULL DEFAULT '[]'::jsonb,
    version           INT         NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX courses_owner_idx ON courses (tenant_id, owner_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('courses');

-- The generation job's persisted state: the step it reached and what the finished steps produced (the transcript's
-- cues, then the outline), so a job that dies resumes at the step it was in rather than from the start.
CREATE TABLE course_generations
(
    course_id          UUID PRIMARY KEY REFERENCES courses (id),
    tenant_id          UUID        NOT NULL,
    step               TEXT        NOT NULL CHECK (step IN ('QUEUED', 'TRANSCRIPT', 'OUTLINE', 'SAVED', 'FAILED')),
    percent            INT         NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    transcript         JSONB,
    transcript_hash    TEXT,
    word_count         INT,
    outline            JSONB,
    estimated_seconds  INT         NOT NULL DEFAULT 0,
    attempts           INT         NOT NULL DEFAULT 0,
    generator_runs     INT         NOT NULL DEFAULT 0,
    failure_reason     TEXT,
    started_at         TIMESTAMPTZ NOT NULL,
    step_started_at    TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ
);
SELECT lyceum_enable_tenant_isolation('course_generations');

-- Sections at the top (parent NULL), lessons and quizzes inside sections; sequence orders siblings.
CREATE TABLE course_contents
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID    NOT NULL,
    course_id  UUID    NOT NULL REFERENCES courses (id),
    parent_id  UUID REFERENCES course_contents (id) DEFERRABLE INITIALLY DEFERRED,
    kind       TEXT    NOT NULL CHECK (kind IN ('SECTION', 'LESSON', 'QUIZ')),
    sequence   INT     NOT NULL CHECK (sequence >= 0),
    title      TEXT    NOT NULL,
    body       JSONB   NOT NULL DEFAULT '{}'::jsonb,
    minutes    INT     NOT NULL DEFAULT 0,
    CHECK ((kind = 'SECTION') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX course_contents_order_idx
    ON course_contents (course_id, COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), sequence);
SELECT lyceum_enable_tenant_isolation('course_contents');

-- Outlines already generated, by transcript hash + preferences + generator version.
CREATE TABLE course_outline_cache
(
    tenant_id  UUID        NOT NULL,
    cache_key  TEXT        NOT NULL,
    outline    JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, cache_key)
);
SELECT lyceum_enable_tenant_isolation('course_outline_cache');

-- A learner's progress in a course: sections completed (ids of SECTION contents; a removed section's id stays here
-- until the outline edit that removed it recomputes the percent).
CREATE TABLE course_progress
(
    course_id          UUID        NOT NULL REFERENCES courses (id),
    user_id            UUID        NOT NULL,
    tenant_id          UUID        NOT NULL,
    completed_sections UUID[]      NOT NULL DEFAULT '{}',
    percent            INT         NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    last_accessed_at   TIMESTAMPTZ NOT NULL,
    completed_at       TIMESTAMPTZ,
    PRIMARY KEY (course_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX course_progress_user_idx ON course_progress (tenant_id, user_id, last_accessed_at DESC);
SELECT lyceum_enable_tenant_isolation('course_progress');

-- Every quiz answer a learner submitted and how it was scored.
CREATE TABLE quiz_answers
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    course_id    UUID        NOT NULL REFERENCES courses (id),
    quiz_id      UUID        NOT NULL,
    user_id      UUID        NOT NULL,
    answer       TEXT        NOT NULL,
    correct      BOOLEAN     NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX quiz_answers_user_idx ON quiz_answers (course_id, user_id, submitted_at);
SELECT lyceum_enable_tenant_isolation('quiz_answers');

-- Several servers on one database (README, "Two servers on one MariaDB").
-- workflow_watch: which server has WebSocket clients watching which workflow, refreshed every
-- second or so; a server writes a run's events to run_event_outbox only while another live server
-- watches its workflow, so that a single server writes nothing here.
-- run_event_outbox: those events, read by the watching servers (id order) and deleted after a minute.
-- run_request: a stop, pause, resume (or a Quartz wake-up or retry) that reached one server for a run another live server executes;
-- the owner performs it and deletes the row.

CREATE TABLE workflow_watch (
    server_id   VARCHAR(200) NOT NULL,
    workflow_id VARCHAR(36)  NOT NULL,
    seen_at     DATETIME(3)  NOT NULL,
    CONSTRAINT pk_workflow_watch PRIMARY KEY (server_id, workflow_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE run_event_outbox (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    workflow_id VARCHAR(36)   NOT NULL,
    origin      VARCHAR(200)  NOT NULL,
    message     LONGTEXT      NOT NULL,
    created_at  DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT pk_run_event_outbox PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_outbox_created ON run_event_outbox (created_at);

CREATE TABLE run_request (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    run_id     VARCHAR(36)  NOT NULL,
    owner      VARCHAR(200) NOT NULL,
    action     VARCHAR(16)  NOT NULL,
    node_id    VARCHAR(36),
    attempt    INT          NOT NULL DEFAULT 0,
    created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT pk_run_request PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_run_request_owner ON run_request (owner);

-- Sessions expire (ORCHESTRATOR_SESSION_TTL_HOURS): the housekeeping job asks whether a run still names one.
CREATE INDEX idx_run_session ON run (session_id);

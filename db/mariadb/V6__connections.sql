-- Named settings for outside systems (LLM endpoints, HTTP credentials). The secret is stored
-- sealed by the server (AES-GCM, with a version prefix), never in clear; the JSON columns hold
-- what the API accepted, as written. Names are unique so that people can tell connections apart.

CREATE TABLE service_connection (
    id             VARCHAR(36)   NOT NULL,
    name           VARCHAR(200)  NOT NULL,
    kind           VARCHAR(20)   NOT NULL,
    base_url       VARCHAR(2000),
    sealed_secret  LONGTEXT,
    headers        LONGTEXT      NOT NULL,
    models         LONGTEXT      NOT NULL,
    prices         LONGTEXT      NOT NULL,
    default_params LONGTEXT      NOT NULL,
    workspace      VARCHAR(100)  NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    CONSTRAINT pk_service_connection PRIMARY KEY (id),
    CONSTRAINT uq_service_connection_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_service_connection_kind ON service_connection (kind, created_at);

-- Bearer tokens for API clients. Only a SHA-256 hash of each token is stored; the prefix lets a
-- person recognise a token in a list without it being usable.

CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    token_prefix VARCHAR(16)  NOT NULL,
    rate_limit   INT,
    created_at   TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    expires_at   TIMESTAMP(6) WITH TIME ZONE,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_api_token PRIMARY KEY (id),
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
);

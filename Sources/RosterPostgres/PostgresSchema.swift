import Logging
import PostgresNIO

/// The schema, as numbered migrations applied in order under a session advisory lock, so that
/// several servers starting at once apply each exactly once (the others wait, then find it done).
/// Never edit a shipped migration: add the next one.
///
/// Invariants live in the schema, as in the SQLite store: case-insensitive uniqueness through
/// unique indexes on the `*Key` columns (``CaseFolding/key(_:)`` computed in Swift, compared
/// byte for byte: `COLLATE "C"`, never `lower()`, citext or ICU, so both stores agree whatever
/// the database's locale), foreign keys with cascades, and triggers that keep the counters
/// (`organization.activeMembers`, `team.memberCount`…) exact in the transaction of the write.
/// Every text column that is compared or sorted is `COLLATE "C"` (byte order, as SQLite's).
enum PostgresSchema {
    /// The advisory-lock key of migrations ("roster" in ASCII).
    static let migrationLock: Int64 = 0x726F_7374_6572

    static func migrate(_ client: PostgresClient, schema: String?, logger: Logger) async throws {
        try await client.withConnection { connection in
            if let schema {
                // The name was checked to be letters, digits and `_`.
                try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger)
            }
            try await connection.run("SELECT pg_advisory_lock(\(migrationLock))", logger)
            do {
                try await connection.run(
                    "CREATE TABLE IF NOT EXISTS schemaVersion (version bigint NOT NULL, appliedAt timestamptz NOT NULL DEFAULT now())",
                    logger)
                let applied = try await connection.row("SELECT coalesce(max(version), 0) FROM schemaVersion", logger)?
                    .get(0, as: Int64.self) ?? 0
                for (index, migration) in migrations.enumerated() where Int64(index + 1) > applied {
                    try await connection.run("BEGIN", logger)
                    do {
                        for statement in migration { try await connection.run(PostgresQuery(unsafeSQL: statement), logger) }
                        try await connection.run("INSERT INTO schemaVersion (version) VALUES (\(Int64(index + 1)))", logger)
                        try await connection.run("COMMIT", logger)
                    } catch {
                        try? await connection.run("ROLLBACK", logger)
                        throw error
                    }
                }
            } catch {
                try? await connection.run("SELECT pg_advisory_unlock(\(migrationLock))", logger)
                throw error
            }
            try await connection.run("SELECT pg_advisory_unlock(\(migrationLock))", logger)
        }
    }

    /// Each migration's statements (one per element: the extended protocol runs one at a time).
    static let migrations: [[String]] = [v1, v2]

    /// Timestamps are `SCIMDateTime.format` text. Members and teams refer to their organization
    /// by its integer rowid. `organization.eventSeq` numbers the organization's events in commit
    /// order (see ``FeedSequencer``); `event.position` is NULL until the sequencer numbers it.
    /// `feedState.lastPosition` is the last position handed out (never reused, whatever retention
    /// deletes later).
    /// Application keys (the change feed's API), apart from the SCIM keys; and how far retention
    /// has pruned the feed, so a reader's stale cursor is told apart from a quiet feed.
    private static let v2: [String] = [
        """
        CREATE TABLE appKey (
            id text PRIMARY KEY,
            organizationId text REFERENCES organization(id) ON DELETE CASCADE,
            label text NOT NULL,
            prefix text NOT NULL UNIQUE,
            hash bytea NOT NULL,
            createdAt text NOT NULL,
            lastUsedAt text,
            expiresAt text,
            revokedAt text
        )
        """,
        "ALTER TABLE feedState ADD COLUMN prunedThrough bigint NOT NULL DEFAULT 0",
        "CREATE INDEX event_createdAt ON event(createdAt)",
    ]

    private static let v1: [String] = [
        """
        CREATE TABLE organization (
            rowid bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            name text NOT NULL,
            nameKey text COLLATE "C" NOT NULL UNIQUE,
            plan text NOT NULL,
            seatLimit bigint NOT NULL,
            phonePolicy text NOT NULL,
            activeMembers bigint NOT NULL DEFAULT 0,
            memberCount bigint NOT NULL DEFAULT 0,
            teamCount bigint NOT NULL DEFAULT 0,
            eventSeq bigint NOT NULL DEFAULT 0,
            createdAt text COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE apiKey (
            id text PRIMARY KEY,
            organizationId text NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            label text NOT NULL,
            prefix text NOT NULL UNIQUE,
            hash bytea NOT NULL,
            createdAt text COLLATE "C" NOT NULL,
            lastUsedAt text COLLATE "C",
            expiresAt text COLLATE "C",
            revokedAt text COLLATE "C"
        )
        """,
        "CREATE INDEX apiKey_organization ON apiKey(organizationId)",
        """
        CREATE TABLE member (
            rowid bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            organizationRowid bigint NOT NULL REFERENCES organization(rowid) ON DELETE CASCADE,
            userName text NOT NULL,
            userNameKey text COLLATE "C" NOT NULL,
            externalId text COLLATE "C",
            displayName text,
            displayNameKey text COLLATE "C",
            active boolean NOT NULL,
            phoneFlagged boolean NOT NULL,
            createdVia text NOT NULL,
            createdAt text COLLATE "C" NOT NULL,
            lastModified text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            attributes text NOT NULL,
            CONSTRAINT member_userNameKey UNIQUE (organizationRowid, userNameKey)
        )
        """,
        "CREATE INDEX member_organization ON member(organizationRowid, rowid)",
        "CREATE INDEX member_externalId ON member(organizationRowid, externalId)",
        "CREATE INDEX member_displayName ON member(organizationRowid, displayNameKey)",
        """
        CREATE TABLE memberEmail (
            memberRowid bigint NOT NULL REFERENCES member(rowid) ON DELETE CASCADE,
            position bigint NOT NULL,
            organizationRowid bigint NOT NULL,
            valueKey text COLLATE "C" NOT NULL,
            typeKey text COLLATE "C",
            isPrimary boolean NOT NULL,
            PRIMARY KEY (memberRowid, position)
        )
        """,
        "CREATE INDEX memberEmail_value ON memberEmail(organizationRowid, valueKey)",
        """
        CREATE TABLE team (
            rowid bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            organizationRowid bigint NOT NULL REFERENCES organization(rowid) ON DELETE CASCADE,
            displayName text NOT NULL,
            displayNameKey text COLLATE "C" NOT NULL,
            externalId text COLLATE "C",
            createdVia text NOT NULL,
            createdAt text COLLATE "C" NOT NULL,
            lastModified text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            memberCount bigint NOT NULL DEFAULT 0,
            attributes text NOT NULL,
            CONSTRAINT team_displayNameKey UNIQUE (organizationRowid, displayNameKey)
        )
        """,
        "CREATE INDEX team_organization ON team(organizationRowid, rowid)",
        "CREATE INDEX team_externalId ON team(organizationRowid, externalId)",
        """
        CREATE TABLE teamMembership (
            teamRowid bigint NOT NULL REFERENCES team(rowid) ON DELETE CASCADE,
            memberRowid bigint NOT NULL REFERENCES member(rowid) ON DELETE CASCADE,
            addedAt text NOT NULL,
            display text,
            PRIMARY KEY (teamRowid, memberRowid)
        )
        """,
        "CREATE INDEX teamMembership_member ON teamMembership(memberRowid, teamRowid)",
        """
        CREATE TABLE requestLog (
            id bigserial PRIMARY KEY,
            time text COLLATE "C" NOT NULL,
            organizationId text,
            method text NOT NULL,
            path text NOT NULL,
            query text NOT NULL,
            status bigint NOT NULL,
            latencyMicros bigint NOT NULL,
            clientAddress text NOT NULL,
            userAgent text NOT NULL,
            keyPrefix text,
            requestHeaders text NOT NULL,
            requestBody text NOT NULL,
            responseBody text NOT NULL,
            summary text NOT NULL,
            resourceId text,
            scimType text
        )
        """,
        "CREATE INDEX requestLog_resource ON requestLog(resourceId, id) WHERE resourceId IS NOT NULL",
        """
        CREATE TABLE auditLog (
            id bigserial PRIMARY KEY,
            time text COLLATE "C" NOT NULL,
            organizationId text,
            actor text NOT NULL,
            action text NOT NULL,
            target text NOT NULL,
            detail text NOT NULL
        )
        """,
        "CREATE INDEX auditLog_organization ON auditLog(organizationId, id)",
        """
        CREATE TABLE event (
            organizationRowid bigint NOT NULL REFERENCES organization(rowid) ON DELETE CASCADE,
            seq bigint NOT NULL,
            position bigint UNIQUE,
            id text NOT NULL,
            type text NOT NULL,
            resourceId text NOT NULL,
            createdAt text NOT NULL,
            actor text NOT NULL,
            data text NOT NULL,
            PRIMARY KEY (organizationRowid, seq)
        )
        """,
        "CREATE INDEX event_pending ON event(organizationRowid, seq) WHERE position IS NULL",
        "CREATE INDEX event_organization ON event(organizationRowid, position)",
        "CREATE TABLE feedState (lastPosition bigint NOT NULL)",
        "INSERT INTO feedState VALUES (0)",
        // Counters, kept by triggers so that they stay exact whichever statement writes.
        """
        CREATE FUNCTION roster_member_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                UPDATE organization SET memberCount = memberCount + 1,
                    activeMembers = activeMembers + (CASE WHEN NEW.active THEN 1 ELSE 0 END)
                WHERE rowid = NEW.organizationRowid;
            ELSIF TG_OP = 'DELETE' THEN
                UPDATE organization SET memberCount = memberCount - 1,
                    activeMembers = activeMembers - (CASE WHEN OLD.active THEN 1 ELSE 0 END)
                WHERE rowid = OLD.organizationRowid;
            ELSIF NEW.active IS DISTINCT FROM OLD.active THEN
                UPDATE organization SET activeMembers = activeMembers + (CASE WHEN NEW.active THEN 1 ELSE -1 END)
                WHERE rowid = NEW.organizationRowid;
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER member_counts AFTER INSERT OR DELETE OR UPDATE OF active ON member
        FOR EACH ROW EXECUTE FUNCTION roster_member_counts()
        """,
        """
        CREATE FUNCTION roster_team_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                UPDATE organization SET teamCount = teamCount + 1 WHERE rowid = NEW.organizationRowid;
            ELSE
                UPDATE organization SET teamCount = teamCount - 1 WHERE rowid = OLD.organizationRowid;
            END IF;
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER team_counts AFTER INSERT OR DELETE ON team FOR EACH ROW EXECUTE FUNCTION roster_team_counts()",
        """
        CREATE FUNCTION roster_membership_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                UPDATE team SET memberCount = memberCount + 1 WHERE rowid = NEW.teamRowid;
            ELSE
                UPDATE team SET memberCount = memberCount - 1 WHERE rowid = OLD.teamRowid;
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER membership_counts AFTER INSERT OR DELETE ON teamMembership
        FOR EACH ROW EXECUTE FUNCTION roster_membership_counts()
        """,
    ]
}

import GRDB

/// The schema, as named migrations applied in order. Never edit a shipped migration: add "v2".
///
/// Invariants live in the schema ("trust SQLite more than yourself"): case-insensitive uniqueness
/// through unique key columns, foreign keys with cascades, and triggers that keep the counters
/// (`organization.activeMembers`, `team.memberCount`…) exact for writes from any process.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        // Cheaper request-log inserts. Entries are numbered in arrival order, so retention finds
        // the expired ones as a prefix of the id order without a time index. The resource index
        // takes only entries that name a resource (successful reads are stored without one, see
        // `RequestLogEntry.storedForm`): an entry per GET landed on a random page of it, and that
        // page write was most of what logging a GET cost (3.8 page writes per request before).
        migrator.registerMigration("v2: leaner request-log indexes") { db in
            try db.execute(sql: """
                DROP INDEX requestLog_time;
                DROP INDEX requestLog_resource;
                CREATE INDEX requestLog_resource ON requestLog(resourceId, id) WHERE resourceId IS NOT NULL;
                """)
        }
        // No organization index on the request log: each insert was a second B-tree insert and a
        // third more bytes to write and checkpoint, about 2 µs of a logged `GET /Users/{id}` at
        // 1M members. A console page of one organization's requests now walks the id order back
        // from the newest entry, which the retention bound keeps short: all of the default
        // 100,000 entries are read in about 8 ms, for an organization that sent none of them.
        migrator.registerMigration("v3: request log without an organization index") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS requestLog_organization")
        }
        // The change feed (see SQLiteStore+Changes): one row per event, numbered in commit order.
        migrator.registerMigration("v4: change feed") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    position INTEGER PRIMARY KEY,
                    id TEXT NOT NULL,
                    organizationRowid INTEGER NOT NULL REFERENCES organization(rowid) ON DELETE CASCADE,
                    type TEXT NOT NULL,
                    resourceId TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    data TEXT NOT NULL
                );
                CREATE INDEX event_organization ON event(organizationRowid, position);
                """)
        }
        // Application keys (the change feed's API), apart from the SCIM keys; and how far
        // retention has pruned the feed, so a reader's stale cursor is told apart from a quiet feed.
        migrator.registerMigration("v5: application keys and feed retention") { db in
            try db.execute(sql: """
                CREATE TABLE appKey (
                    id TEXT PRIMARY KEY NOT NULL,
                    organizationId TEXT REFERENCES organization(id) ON DELETE CASCADE,
                    label TEXT NOT NULL,
                    prefix TEXT NOT NULL UNIQUE,
                    hash BLOB NOT NULL,
                    createdAt TEXT NOT NULL,
                    lastUsedAt TEXT,
                    expiresAt TEXT,
                    revokedAt TEXT
                );
                CREATE TABLE eventRetention (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    prunedThrough INTEGER NOT NULL
                );
                INSERT INTO eventRetention (id, prunedThrough) VALUES (1, 0);
                """)
        }
        return migrator
    }

    /// Timestamps are `SCIMDateTime.format` text (UTC, milliseconds), which sorts in time order.
    /// `*Key` columns hold `CaseFolding.key` of the column they follow. Members and teams refer
    /// to their organization by its integer rowid: it is in every row and index entry of the big
    /// tables, where a 36-character UUID would cost about 30% of the file.
    /// `teamMembership.display` is the member's `display` as the client sent it (Okta: the user's
    /// login), NULL when it sent none; it is not derived from the member.
    /// `organization.generation` changes with every write to its members, teams or memberships, so
    /// cached list cursors can tell they are stale (one counter: team filters read member names
    /// and member filters read teams).
    private static let v1 = """
        CREATE TABLE organization (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            nameKey TEXT NOT NULL UNIQUE,
            plan TEXT NOT NULL,
            seatLimit INTEGER NOT NULL,
            phonePolicy TEXT NOT NULL,
            activeMembers INTEGER NOT NULL DEFAULT 0,
            memberCount INTEGER NOT NULL DEFAULT 0,
            teamCount INTEGER NOT NULL DEFAULT 0,
            generation INTEGER NOT NULL DEFAULT 0,
            createdAt TEXT NOT NULL
        );

        CREATE TABLE apiKey (
            id TEXT PRIMARY KEY NOT NULL,
            organizationId TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            prefix TEXT NOT NULL UNIQUE,
            hash BLOB NOT NULL,
            createdAt TEXT NOT NULL,
            lastUsedAt TEXT,
            expiresAt TEXT,
            revokedAt TEXT
        );
        CREATE INDEX apiKey_organization ON apiKey(organizationId);

        CREATE TABLE member (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            organizationRowid INTEGER NOT NULL REFERENCES organization(rowid) ON DELETE CASCADE,
            userName TEXT NOT NULL,
            userNameKey TEXT NOT NULL,
            externalId TEXT,
            displayName TEXT,
            displayNameKey TEXT,
            active INTEGER NOT NULL,
            phoneFlagged INTEGER NOT NULL,
            createdVia TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            lastModified TEXT NOT NULL,
            version INTEGER NOT NULL,
            attributes TEXT NOT NULL,
            UNIQUE (organizationRowid, userNameKey)
        );
        CREATE INDEX member_organization ON member(organizationRowid);
        CREATE INDEX member_externalId ON member(organizationRowid, externalId);
        CREATE INDEX member_displayName ON member(organizationRowid, displayNameKey);
        CREATE INDEX member_lastModified ON member(organizationRowid, lastModified);
        CREATE INDEX member_active ON member(organizationRowid, active);

        CREATE TABLE memberEmail (
            memberRowid INTEGER NOT NULL REFERENCES member(rowid) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            organizationRowid INTEGER NOT NULL,
            valueKey TEXT NOT NULL,
            typeKey TEXT,
            isPrimary INTEGER NOT NULL,
            PRIMARY KEY (memberRowid, position)
        ) WITHOUT ROWID;
        CREATE INDEX memberEmail_value ON memberEmail(organizationRowid, valueKey);

        CREATE TABLE team (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            organizationRowid INTEGER NOT NULL REFERENCES organization(rowid) ON DELETE CASCADE,
            displayName TEXT NOT NULL,
            displayNameKey TEXT NOT NULL,
            externalId TEXT,
            createdVia TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            lastModified TEXT NOT NULL,
            version INTEGER NOT NULL,
            memberCount INTEGER NOT NULL DEFAULT 0,
            attributes TEXT NOT NULL,
            UNIQUE (organizationRowid, displayNameKey)
        );
        CREATE INDEX team_organization ON team(organizationRowid);
        CREATE INDEX team_externalId ON team(organizationRowid, externalId);
        CREATE INDEX team_lastModified ON team(organizationRowid, lastModified);

        CREATE TABLE teamMembership (
            teamRowid INTEGER NOT NULL REFERENCES team(rowid) ON DELETE CASCADE,
            memberRowid INTEGER NOT NULL REFERENCES member(rowid) ON DELETE CASCADE,
            addedAt TEXT NOT NULL,
            display TEXT,
            PRIMARY KEY (teamRowid, memberRowid)
        ) WITHOUT ROWID;
        CREATE INDEX teamMembership_member ON teamMembership(memberRowid);

        CREATE TABLE requestLog (
            id INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            organizationId TEXT,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            query TEXT NOT NULL,
            status INTEGER NOT NULL,
            latencyMicros INTEGER NOT NULL,
            clientAddress TEXT NOT NULL,
            userAgent TEXT NOT NULL,
            keyPrefix TEXT,
            requestHeaders TEXT NOT NULL,
            requestBody TEXT NOT NULL,
            responseBody TEXT NOT NULL,
            summary TEXT NOT NULL,
            resourceId TEXT,
            scimType TEXT
        );
        CREATE INDEX requestLog_organization ON requestLog(organizationId, id);
        CREATE INDEX requestLog_resource ON requestLog(resourceId, id);
        CREATE INDEX requestLog_time ON requestLog(time);

        CREATE TABLE auditLog (
            id INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            organizationId TEXT,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX auditLog_organization ON auditLog(organizationId, id);

        CREATE TRIGGER member_inserted AFTER INSERT ON member BEGIN
            UPDATE organization
            SET memberCount = memberCount + 1, activeMembers = activeMembers + NEW.active,
                generation = generation + 1
            WHERE rowid = NEW.organizationRowid;
        END;
        CREATE TRIGGER member_updated AFTER UPDATE ON member BEGIN
            UPDATE organization
            SET activeMembers = activeMembers + NEW.active - OLD.active, generation = generation + 1
            WHERE rowid = NEW.organizationRowid;
        END;
        CREATE TRIGGER member_deleted AFTER DELETE ON member BEGIN
            UPDATE organization
            SET memberCount = memberCount - 1, activeMembers = activeMembers - OLD.active,
                generation = generation + 1
            WHERE rowid = OLD.organizationRowid;
        END;

        CREATE TRIGGER team_inserted AFTER INSERT ON team BEGIN
            UPDATE organization SET teamCount = teamCount + 1, generation = generation + 1
            WHERE rowid = NEW.organizationRowid;
        END;
        CREATE TRIGGER team_updated AFTER UPDATE OF displayNameKey, externalId, lastModified, version ON team BEGIN
            UPDATE organization SET generation = generation + 1 WHERE rowid = NEW.organizationRowid;
        END;
        CREATE TRIGGER team_deleted AFTER DELETE ON team BEGIN
            UPDATE organization SET teamCount = teamCount - 1, generation = generation + 1
            WHERE rowid = OLD.organizationRowid;
        END;

        CREATE TRIGGER teamMembership_inserted AFTER INSERT ON teamMembership BEGIN
            UPDATE team SET memberCount = memberCount + 1 WHERE rowid = NEW.teamRowid;
        END;
        CREATE TRIGGER teamMembership_deleted AFTER DELETE ON teamMembership BEGIN
            UPDATE team SET memberCount = memberCount - 1 WHERE rowid = OLD.teamRowid;
        END;
        """
}

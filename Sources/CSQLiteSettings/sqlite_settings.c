#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include "sqlite_settings.h"

int roster_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct roster_commit_counter {
    _Atomic unsigned long long commits;
    int autocheckpoint_frames;
};

static int roster_count_commit(void *context, sqlite3 *db, const char *schema, int frames) {
    roster_commit_counter *counter = context;
    atomic_fetch_add_explicit(&counter->commits, 1, memory_order_release);
    // What SQLite's default hook (sqlite3_wal_autocheckpoint) does; its errors are not the commit's.
    if (counter->autocheckpoint_frames > 0 && frames >= counter->autocheckpoint_frames) {
        sqlite3_wal_checkpoint(db, schema);
    }
    return SQLITE_OK;
}

roster_commit_counter *roster_commit_counter_install(sqlite3 *db, int autocheckpoint_frames) {
    roster_commit_counter *counter = malloc(sizeof *counter);
    if (counter == NULL) return NULL;
    atomic_init(&counter->commits, 0);
    counter->autocheckpoint_frames = autocheckpoint_frames;
    sqlite3_wal_hook(db, roster_count_commit, counter);
    return counter;
}

unsigned long long roster_commit_count(const roster_commit_counter *counter) {
    return atomic_load_explicit(&counter->commits, memory_order_acquire);
}

void roster_commit_counter_remove(sqlite3 *db, roster_commit_counter *counter) {
    sqlite3_wal_autocheckpoint(db, counter->autocheckpoint_frames);
    free(counter);
}

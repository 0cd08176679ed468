package org.complaintledger.database;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the database for every Quarkus test of the suite (one application start, one fresh database). */
@QuarkusTestResource(DatabaseTestResource.class)
public final class UsesDatabase {

    private UsesDatabase() {}
}

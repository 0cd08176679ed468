/**
 * The regency's agencies (Perangkat Daerah) and the complaint categories: reference data seeded by migration, read by every command that names one.
 */
package org.complaintledger.agency;

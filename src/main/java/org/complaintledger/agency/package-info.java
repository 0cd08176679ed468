/**
 * The regency's agencies (Perangkat Daerah), their units and the complaint categories with their default agencies:
 * reference data seeded by migration and kept by the administration ({@code reference}), read by every command that
 * names one. The complaint reads them here, so that the administration may use the complaint's types without a cycle.
 */
package org.complaintledger.agency;

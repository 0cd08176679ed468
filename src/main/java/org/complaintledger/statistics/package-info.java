/**
 * Public statistics: counts of complaints by status, category, agency and channel per period, never anyone's identity.
 */
package org.complaintledger.statistics;

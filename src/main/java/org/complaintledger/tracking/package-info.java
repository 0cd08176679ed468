/**
 * The public lookup by tracking number, for anyone without an account; a confidential complaint shows only its status.
 */
package org.complaintledger.tracking;

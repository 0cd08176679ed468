/**
 * The Ombudsman's read models: escalated complaints with their review, and agency performance per period from each assignment of a complaint to an agency.
 */
package org.complaintledger.review;

package org.complaintledger.view;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A complaint as the complaint-views read model had it when an operator's rebuild started: what the public reads
 * answer from, marked stale, until the rebuild has caught up.
 */
@Entity
@Table(name = "complaint_views_last_good")
public class LastGoodViewRow extends ComplaintViewColumns {}

package org.complaintledger.view;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A complaint in the complaint-views read model. */
@Entity
@Table(name = "complaint_views")
public class ComplaintViewRow extends ComplaintViewColumns {}

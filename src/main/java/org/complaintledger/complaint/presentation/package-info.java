/**
 * How a complaint is shown to a caller: the redacted {@link org.complaintledger.complaint.presentation.ComplaintView},
 * the rules on who may read how much ({@link org.complaintledger.complaint.presentation.ComplaintViews}) and the audit
 * timeline. Public to other features: the command endpoints answer with it, and the read endpoints in
 * {@code view.web} serve it from the read model.
 */
package org.complaintledger.complaint.presentation;

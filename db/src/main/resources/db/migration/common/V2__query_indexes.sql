-- Indexes for the lookups the counter screens and the manager's review make (V1 has the foreign-key ones).

-- A document number typed without choosing its type.
CREATE INDEX identity_document_number ON identity_document(doc_number);
-- The teller types the media voucher number printed on the token.
CREATE INDEX token_media_voucher ON token(media_voucher_no) WHERE media_voucher_no IS NOT NULL;
-- Open cases of a token (one renewal at a time) and cases of a request batch (ca-sync matching).
CREATE INDEX renewal_case_token ON renewal_case(token_id);
CREATE INDEX renewal_case_request_batch ON renewal_case(request_batch_id) WHERE request_batch_id IS NOT NULL;
-- The manager's daily review: all cases opened in a period, per workstation or branch-wide.
CREATE INDEX renewal_case_opened ON renewal_case(opened_at);
CREATE INDEX renewal_case_workstation ON renewal_case(workstation_id, opened_at);
-- State changes of a period and of one actor (review of overrides).
CREATE INDEX case_state_history_at ON case_state_history(at);
CREATE INDEX case_state_history_actor ON case_state_history(actor, at);
-- Staff list per branch and role.
CREATE INDEX staff_user_branch ON staff_user(branch_id, role);

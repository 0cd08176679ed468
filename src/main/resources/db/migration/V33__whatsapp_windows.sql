-- When each complainant last wrote to the service on WhatsApp (notification/CustomerServiceWindows). For 24 hours
-- after a person's message, Meta lets a business answer with any message, an interactive one with reply buttons
-- included; after that, only with a template approved in advance. The follow-up goes out with reply buttons inside
-- that window and as its template outside it. The pseudonymous subject and an instant only: no personal data, and
-- the row is deleted with the subject's data key.
CREATE TABLE whatsapp_windows (
    subject          text PRIMARY KEY,
    last_inbound_at  timestamptz NOT NULL
);

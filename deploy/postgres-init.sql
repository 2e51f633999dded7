-- The tracker store and the outbox get databases of their own beside the intake's.
CREATE DATABASE signaal_tracker OWNER signaal;
CREATE DATABASE signaal_outbox OWNER signaal;

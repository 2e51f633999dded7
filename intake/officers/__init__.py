"""Officers enrolled to use Signaal on Telegram, and their one-time enrolment codes."""

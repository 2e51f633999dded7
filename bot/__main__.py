"""`python -m bot` from the repository root starts the Telegram bot."""
from bot.main import main

main()

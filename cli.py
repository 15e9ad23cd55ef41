"""Run lexcheck from a source checkout: ``python cli.py check bill.txt``."""

from lexcheck.cli import main

if __name__ == "__main__":
    main()

from citetrack.cli import main

main()

from osscheck.cli import main

main()

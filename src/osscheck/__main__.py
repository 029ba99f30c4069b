from osscheck.entry import main

main()

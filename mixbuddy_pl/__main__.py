"""`python -m mixbuddy_pl {fit,validate,test,predict}`."""

from mixbuddy_pl.cli import main

if __name__ == "__main__":
    main()

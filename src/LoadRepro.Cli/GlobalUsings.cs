// Every command maps failures to UserFacingException and ExitCodes, which the run pipeline shares.
global using LoadRepro.Pipeline;

"""The console's pages: thin views over the console's services and the `gongkai.supervision` rules."""

"""Click commands of the ``landscape`` console script: parse options, call the library, print."""

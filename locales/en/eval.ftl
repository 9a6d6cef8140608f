# Evaluation: why a decision could not be computed.

eval-overflow = the result is too large for exact arithmetic (28 significant digits)
eval-division-by-zero = division by zero
eval-reads-application = a parameter or an assertion cannot read the application
eval-internal = internal error of clas-rules, please report it ({ $detail })

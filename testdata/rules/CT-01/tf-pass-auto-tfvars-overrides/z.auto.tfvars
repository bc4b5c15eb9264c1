# expect: none
multi_region = "true"

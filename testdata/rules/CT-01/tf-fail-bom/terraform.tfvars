# expect: none
multi_region = false

# The load balancer module turns access logging on with
# `var.access_logs != null ? [var.access_logs] : []`. The object passed has an unknown
# attribute (the bucket's id), yet it is known not to be null, so the access logs reach
# module.b's bucket and the log bucket rules judge it (issue 11 item 3).
# expect: none
module "b" {
  source = "./bucket"
}

module "lb" {
  source      = "./lb"
  access_logs = { bucket = module.b.id }
}

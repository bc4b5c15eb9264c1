# expect: none
# A module mixing .tf and .tf.json files.
variable "regions" {
  type    = list(string)
  default = ["eu-west-1"]
}

# Differential probe of the evaluator (scripts/differential.py): every value below is
# known to Terraform at plan time, so blindspot must compute exactly what
# `terraform plan` shows in terraform_data.*.input (or leave it unknown).
locals {
  m = { b = 2, a = 1, c = 3 }
  l = ["x", "y", "z"]
  o = { name = "n", tags = { env = "prod" } }
}

variable "with_default" {
  type = object({
    name  = string
    count = optional(number, 2)
    tags  = optional(map(string))
  })
  default = { name = "v" }
}

resource "terraform_data" "strings" {
  input = {
    upper      = upper("abc")
    lower      = lower("ABC")
    title      = title("hello world")
    format     = format("%s-%03d-%.2f-%5s-%-5s|%t-%x-%X-%o-%e", "a", 7, 3.14159, "r", "l", true, 255, 255, 8, 1234.5)
    formatlist = formatlist("%s=%d", ["a", "b"], [1, 2])
    join       = join(",", local.l)
    split      = split(",", "a,b,,c")
    replace    = replace("a-b-c", "-", "_")
    replace_re = replace("a1b22c", "/[0-9]+/", "#")
    regex      = regex("([a-z]+)-([0-9]+)", "abc-123")
    regexall   = regexall("[0-9]", "a1b2")
    substr     = substr("hello", 1, 3)
    substr_neg = substr("hello", -3, -1)
    trim       = trim("--a--", "-")
    trimprefix = trimprefix("prefix-x", "prefix-")
    trimsuffix = trimsuffix("x.tf", ".tf")
    trimspace  = trimspace("  a b \n")
    chomp      = chomp("line\n\n")
    indent     = indent(2, "a\nb")
    strrev     = strrev("abc")
    startswith = startswith("abc", "ab")
    endswith   = endswith("abc", "bc")
    strcontains = strcontains("abc", "d")
    templ      = "${local.o.name}-%{for k, v in local.m}${k}${v}%{endfor}"
    heredoc    = <<-EOT
      a ${upper("b")}
        c
    EOT
  }
}

resource "terraform_data" "numbers" {
  input = {
    abs      = abs(-3.5)
    ceil     = ceil(1.2)
    floor    = floor(-1.2)
    max      = max(1, 5, 3)
    min      = min(1, 5, 3)
    pow      = pow(2, 10)
    log      = log(8, 2)
    signum   = signum(-4)
    parseint = parseint("ff", 16)
    tonumber = tonumber("42")
    div      = 7 / 2
    mod      = -7 % 3
    big      = 12345678901234
    frac     = 0.1 + 0.2
    neg      = -0
  }
}

resource "terraform_data" "collections" {
  input = {
    keys       = keys(local.m)
    values     = values(local.m)
    lookup     = lookup(local.m, "z", 9)
    merge      = merge(local.m, { d = 4 })
    concat     = concat(local.l, ["w"])
    flatten    = flatten([["a"], [["b"]], []])
    distinct   = distinct(["b", "a", "b"])
    sort       = sort(["b", "a", "10", "9"])
    reverse    = reverse(local.l)
    slice      = slice(local.l, 1, 3)
    length     = length(local.m)
    element    = element(local.l, 4)
    index      = index(local.l, "y")
    contains   = contains(local.l, "z")
    range      = range(1, 10, 3)
    zipmap     = zipmap(["k1", "k2"], [1, 2])
    coalesce   = coalesce("", "x")
    coalescel  = coalescelist([], ["y"])
    compact    = compact(["a", "", "b"])
    chunklist  = chunklist([1, 2, 3, 4, 5], 2)
    setunion   = setunion(["a"], ["b", "a"])
    setinter   = setintersection(["a", "b"], ["b", "c"])
    setsub     = setsubtract(["a", "b"], ["b"])
    transpose  = transpose({ a = ["1", "2"], b = ["2"] })
    tolist     = tolist(toset(["b", "a"]))
    tomap      = tomap({ a = 1 })
    one        = one(["only"])
    alltrue    = alltrue([true, "true"])
    anytrue    = anytrue([false])
    sum        = sum([1, 2.5])
    for_list   = [for i, v in local.l : "${i}:${v}" if v != "y"]
    for_map    = { for k, v in local.m : v => k }
    splat      = [{ a = 1 }, { a = 2 }][*].a
    cond       = length(local.l) > 2 ? "many" : "few"
    try        = try(local.o.missing, "fallback")
    can        = can(local.o.missing)
    var        = var.with_default
  }
}

resource "terraform_data" "encoding" {
  input = {
    jsonencode = jsonencode({ b = [1, true, null], a = "x" })
    jsondecode = jsondecode("{\"a\": [1, 2]}")
    yamlencode = yamlencode({ a = [1, "x"] })
    yamldecode = yamldecode("a: [1, 2]\nb: c\n")
    base64enc  = base64encode("hello")
    base64dec  = base64decode("aGVsbG8=")
    urlencode  = urlencode("a b&c/d")
    md5        = md5("x")
    sha1       = sha1("x")
    sha256     = sha256("x")
    csvdecode  = csvdecode("a,b\n1,2\n")
    cidrsubnet = cidrsubnet("10.0.0.0/16", 8, 2)
    cidrhost   = cidrhost("10.0.1.0/24", 5)
    cidrnet    = cidrnetmask("10.0.0.0/12")
    cidrsubs   = cidrsubnets("10.0.0.0/16", 4, 4, 8)
    tostring   = tostring(5)
    tobool     = tobool("true")
  }
}

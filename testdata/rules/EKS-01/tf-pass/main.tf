# expect: none
resource "aws_eks_cluster" "main" {

  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}

resource "aws_eks_cluster" "none" { # expect: EKS-01

  name     = "none"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
}

resource "aws_eks_cluster" "api_only" {

  name     = "api-only"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
  enabled_cluster_log_types = ["api", "audit"] # expect: EKS-01
}

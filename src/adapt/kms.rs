//! KMS keys and aliases.

use super::{Ctx, K, LinkKind, View};
use crate::model::{KmsKey, Link, ResourceId, Value};

pub fn kms_key(id: ResourceId, v: &View) -> KmsKey {
    KmsKey {
        id,
        rotation: v.bool(K::both("enable_key_rotation", "EnableKeyRotation"), false),
        log_uses: Vec::new(),
        other_uses: Vec::new(),
    }
}

/// The key an alias points at.
pub fn alias_target(ctx: &Ctx, v: &View) -> Value<Link<KmsKey>> {
    ctx.link(v, K::both("target_key_id", "TargetKeyId"), LinkKind::Key)
}

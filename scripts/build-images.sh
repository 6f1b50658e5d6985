#!/usr/bin/env bash
# Builds the local images sand-boxer's podman and compose extensions (and their tests) run.
# No registry can be reached from these machines, so every image is made from Debian packages.
# Idempotent: an image that already exists is left alone (pass --force to rebuild).
set -euo pipefail

IMAGE=localhost/sandboxer/busybox:latest
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

if ! command -v podman >/dev/null 2>&1; then
    echo "build-images: podman is not installed (apt-get install -y podman runc podman-compose)" >&2
    exit 1
fi

if [[ $FORCE -eq 0 ]] && podman image exists "$IMAGE"; then
    echo "build-images: $IMAGE exists"
    exit 0
fi

# A forced rebuild replaces the tag; the old image is removed afterwards unless a container still uses it.
OLD_ID=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)

BUSYBOX=/usr/bin/busybox
# busybox-static, not busybox: the image has no libc, so only a static binary starts in it.
if ! dpkg -s busybox-static >/dev/null 2>&1; then
    echo "build-images: installing busybox-static"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y busybox-static >/dev/null \
        || { apt-get update >/dev/null && apt-get install -y busybox-static >/dev/null; }
fi

ROOTFS=$(mktemp -d)
trap 'rm -rf "$ROOTFS"' EXIT

mkdir -p "$ROOTFS"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,workspace,www,root,proc,sys,dev}
chmod 1777 "$ROOTFS/tmp"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
# One symlink per applet, in the directory busybox itself reports (bin, sbin, usr/bin, usr/sbin).
"$BUSYBOX" --list-full | while read -r applet; do
    [[ -e "$ROOTFS/$applet" ]] || ln -s /bin/busybox "$ROOTFS/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOTFS/etc/group"

tar --numeric-owner --owner=0 --group=0 -C "$ROOTFS" -c . \
    | podman import --quiet \
        --change 'CMD ["sh"]' \
        --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'LABEL dev.sandboxer.image=busybox' \
        - "$IMAGE" >/dev/null

podman run --rm "$IMAGE" true
NEW_ID=$(podman image inspect --format '{{.Id}}' "$IMAGE")
if [[ -n "$OLD_ID" && "$OLD_ID" != "$NEW_ID" ]]; then
    podman rmi "$OLD_ID" >/dev/null 2>&1 || true
fi
echo "build-images: built $IMAGE"

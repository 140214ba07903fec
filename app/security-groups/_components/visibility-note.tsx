import { Alert } from "@/components/ui/alert";

/**
 * CF filters a group's bindings to the spaces the caller can read, so a
 * missing binding is not evidence that the group is unbound (docs/design.md §4).
 */
export function VisibilityNote({ seesAllBindings }: { seesAllBindings: boolean }) {
  if (seesAllBindings)
    return (
      <Alert heading="You see every binding">
        Your account reads the whole platform, so every group and every space it is bound to is listed.
      </Alert>
    );
  return (
    <Alert heading="Bindings are shown only for spaces you can read">
      Cloud Foundry lists a group&rsquo;s bindings only for spaces where you hold a space role, or in orgs you
      manage. A group may be bound to other spaces as well.
    </Alert>
  );
}

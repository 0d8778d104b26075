import Avatar from '@material-ui/core/Avatar';

/**
 * An application's icon, or its initial when the template has none (or the
 * image fails to load: Avatar falls back to its children).
 */
export function AppIcon(props: {
  name: string;
  iconUrl?: string;
  size?: number;
}) {
  const size = props.size ?? 40;
  return (
    <Avatar
      src={props.iconUrl}
      alt=""
      variant="rounded"
      style={{ width: size, height: size }}
      aria-hidden
    >
      {props.name.slice(0, 1).toUpperCase()}
    </Avatar>
  );
}

import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  TEMPLATE_CATEGORY_LABELS,
  type TemplateCategory,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

export type CategoryChoice = TemplateCategory | 'all';

const CHOICES: Array<[CategoryChoice, string]> = [
  ['all', 'All'],
  ...(Object.entries(TEMPLATE_CATEGORY_LABELS) as Array<
    [TemplateCategory, string]
  >),
];

export interface CategoryFilterProps {
  value: CategoryChoice;
  onChange: (value: CategoryChoice) => void;
}

/** The marketplace's category buttons (All, AI & LLM, Automation, ...). */
export function CategoryFilter(props: CategoryFilterProps) {
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      aria-label="Filter by category"
      value={props.value}
      // Clicking the selected button again would clear the choice; keep it.
      onChange={(_e, value: CategoryChoice | null) =>
        value && props.onChange(value)
      }
    >
      {CHOICES.map(([value, label]) => (
        <ToggleButton key={value} value={value}>
          {label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

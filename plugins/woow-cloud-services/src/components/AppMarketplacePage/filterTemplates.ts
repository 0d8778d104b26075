import type { AppTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { CategoryChoice } from '../CategoryFilter';

/**
 * FR1.1 and FR1.2: every search word must appear in the name, a tag or the
 * description. The marketplace is small, so filtering happens here: typing
 * stays instant and costs no request per keystroke.
 */
export function filterTemplates(
  templates: AppTemplate[],
  category: CategoryChoice,
  search: string,
): AppTemplate[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter(template => {
    if (category !== 'all' && template.category !== category) return false;
    const haystack = [template.name, template.description, ...template.tags]
      .join(' ')
      .toLowerCase();
    return words.every(word => haystack.includes(word));
  });
}

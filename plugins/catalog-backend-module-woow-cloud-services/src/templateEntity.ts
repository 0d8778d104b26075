import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  ACTION_IDS,
  TEMPLATE_CATEGORY_LABELS,
  type AppTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  ANNOTATIONS,
  CLOUD_SERVICE_TYPE,
  catalogTags,
  locationAnnotations,
} from './entityNaming';
import { generateParameters } from './templateParameters';

export const DEPLOY_STEP_ID = 'deploy';

/** The entity ref of a template's Template (also what a deactivation removes). */
export function templateEntityRef(slug: string): string {
  return stringifyEntityRef({
    kind: 'Template',
    namespace: 'default',
    name: slug,
  });
}

/**
 * A marketplace template as a Scaffolder `Template` entity: one form step for
 * where it runs, one per kind of value, and a single deploy step. The slug
 * names the entity, so `template:default/<slug>` stays the same across
 * databases and edits.
 */
export function templateEntity(template: AppTemplate): Entity {
  const parameters = generateParameters(template);
  const links: JsonObject[] = [];
  if (template.documentationUrl) {
    links.push({
      url: template.documentationUrl,
      title: 'Documentation',
      icon: 'docs',
      type: 'documentation',
    });
  }
  const annotations: Record<string, string> = {
    ...locationAnnotations(`template/${template.slug}`),
    [ANNOTATIONS.templateId]: template.id,
    [ANNOTATIONS.templateSlug]: template.slug,
    [ANNOTATIONS.category]: template.category,
    [ANNOTATIONS.chart]: `${template.helmChart.chartName}@${template.helmChart.chartVersion}`,
  };
  if (template.iconUrl) annotations[ANNOTATIONS.iconUrl] = template.iconUrl;

  const stepOutput = (name: string) =>
    `\${{ steps['${DEPLOY_STEP_ID}'].output.${name} }}`;

  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: template.slug,
      namespace: 'default',
      title: template.name,
      description: template.description,
      tags: catalogTags([
        CLOUD_SERVICE_TYPE,
        TEMPLATE_CATEGORY_LABELS[template.category] ?? template.category,
        ...template.tags,
      ]),
      annotations,
      links: links as any,
    },
    spec: {
      type: CLOUD_SERVICE_TYPE,
      parameters: parameters.steps,
      secrets: { schema: parameters.secretsSchema },
      steps: [
        {
          id: DEPLOY_STEP_ID,
          name: `Deploy ${template.name}`,
          action: ACTION_IDS.deploy,
          input: {
            workspaceId: '${{ parameters.workspaceId }}',
            template: template.slug,
            name: '${{ parameters.name }}',
            ...(template.ingressEnabled
              ? { subdomain: '${{ parameters.subdomain }}' }
              : {}),
            values: parameters.values,
            secretValues: parameters.secretValues,
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Open service page',
            icon: 'dashboard',
            url: stepOutput('serviceUrl'),
          },
          ...(template.ingressEnabled
            ? [
                {
                  title: 'Open Web UI',
                  icon: 'web',
                  url: stepOutput('publicUrl'),
                },
              ]
            : []),
          {
            title: 'Open in catalog',
            icon: 'catalog',
            entityRef: stepOutput('entityRef'),
          },
        ],
      },
    },
  };
}
